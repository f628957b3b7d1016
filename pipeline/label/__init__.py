"""The label stage: agreements found in the text, their parties, type, SMART letters and theme."""
