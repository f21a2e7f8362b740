# C source of the Linux kernel (Module 5's source-code experiment): an interim model, the recipe
# of `latex` on another corpus, until the GPU zoo replaces it (Karpathy's 3×512, same id)
base = 'latex'
model_id = 'linux'
corpus = 'linux'
card_note = ("An interim model: 2×256 trained on one thread of a shared 2-core CPU for less than one pass over the corpus, "
             "far smaller than the paper's 3×512 (which reached 0.84 nats/char on its 474 MB of kernel source). The GPU zoo replaces it under the same id.")
