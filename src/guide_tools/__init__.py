"""Build and test tooling for the guide: snippet sections, printed-output checks, figures, math."""
