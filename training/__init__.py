"""Training and evaluation of the learned models on the written and the real corpus."""
