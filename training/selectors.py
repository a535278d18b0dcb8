"""Reads of the training app for reports and member pages."""
