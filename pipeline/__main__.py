"""`python -m pipeline` runs the `facts` command line."""

from pipeline.cli import app

if __name__ == "__main__":
    app(prog_name="facts")
