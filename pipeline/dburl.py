"""The default database URL, apart from `pipeline.export`.

Why its own module: the CLI shows it in `--help` and option defaults, and
importing `pipeline.export` loads SQLAlchemy (about 0.3 s), which every
`facts extract` would pay for nothing.
"""

DEFAULT_DB_URL = "sqlite:///outputs/facts.db"
