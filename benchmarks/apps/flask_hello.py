"""The floor every Python web stack stands on: Flask answering a constant JSON object."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"message": "Hello, world"}
