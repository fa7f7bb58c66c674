"""The web shell: the home page (dashboard), the menu of every module and the pages of
modules not built yet. It sits above every domain app and only reads through them."""
