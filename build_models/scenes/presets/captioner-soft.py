# Module 6 § 6.1's captioner: CNN encoder (8x8 grid of 64 features), LSTM decoder of 128 units
# with soft (deterministic, alpha-weighted) attention. About 6-10 minutes on one CPU thread.
# GPU recipe: the same preset with --device=cuda --batch_size=256 --steps=4000 (seconds, not minutes).
model_id = 'captioner-soft'
attention = 'soft'
steps = 2400
batch_size = 64
learning_rate = 3e-3
