"""The main window's pages: welcome, scoring, secretariat."""
