"""The sample calls, typed once: the demo, the screenshots, the app's demo files and the
tests all take their data from here.

- :mod:`~juryapp.samples.aquitaine`: the Région Nouvelle-Aquitaine's AMI « Innovation
  sociale et sociétale » (2016), with the variants the app's screens and the desk use.
- :mod:`~juryapp.samples.poitiers`: Grand Poitiers' AAP « Territoire de l'ESS » (2023).
- :mod:`~juryapp.samples.scoring`: deterministic jurors' scores for them.

Plain values of :mod:`juryapp.core` only: writing them into a workbook or a campaign
file is the job of the layer that may (``juryapp.demo``, ``juryapp.ui.demo``, the tests).
"""
