"""What leaves the app: the procès-verbal (PDF), a dossier's explanation sheet (PDF),
the award table (XLSX) and the open-data subsidy file (CSV).

``record`` gathers what they show, ``wording`` holds their words, ``pdf`` the layout
the PDFs share; one module per document (``minutes``, ``explanation``, ``awards``,
``opendata``); ``export`` writes them atomically and journals each one.
"""
