"""PDF documents (ReportLab platypus) and images for print: no Qt.

``fonts`` registers the shipped Unicode font, ``layout`` holds the page templates, paragraph styles and the
helpers every document uses (text escaping, tables); each document kind has a module of its own that turns
plain values from the services into flowables.
"""
