# Module 6 § 6.4's visual question answerer: the captioner's kind of CNN (8x8 grid of 64 features,
# trained here) + an LSTM of 128 units over the question, attention and pooled fusion, 18 answers.
# About 10 minutes on one CPU thread.
# GPU recipe: the same preset with --device=cuda --batch_size=256 --steps=6000.
model_id = 'vqa-scenes'
steps = 3800
batch_size = 64
learning_rate = 3e-3
