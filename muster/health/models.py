"""No models yet: health scoring (scoring.py) is pure and stores nothing."""
