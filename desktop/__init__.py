"""LUP Verksted: the offline workshop tool for the facilitators of Bærum kommune's LUP programme."""

__version__ = "0.1.0"
APP_NAME = "LUP Verksted"
