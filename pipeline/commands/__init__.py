"""CLI command groups, each registering itself on the typer app (keeps cli.py thin)."""
