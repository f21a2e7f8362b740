# The hard-attention captioner: the same network, one sampled grid cell per word, trained with
# REINFORCE (reward: the caption's log-likelihood, moving-average baseline, entropy bonus) starting
# from captioner-soft's weights. Train captioner-soft first. About 7 minutes on one CPU thread.
# GPU recipe: --device=cuda --batch_size=256.
base = 'captioner-soft'
model_id = 'captioner-hard'
attention = 'hard'
init_from = 'captioner-soft'
steps = 3000
learning_rate = 1e-3
