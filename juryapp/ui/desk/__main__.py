"""``python -m juryapp.ui.desk [CAMPAIGN.jury]``: the deliberation desk alone."""

from juryapp.ui.desk.window import main

raise SystemExit(main())
