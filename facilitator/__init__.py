"""Trepart: participatory workshops for kommunalt trepartssamarbeid."""

__version__ = "0.1.0"
