# The large member of the translation Model Size Explorer (Module 6): 1.25x fra-attn's widths
# (the CPU run's time budget, not the 12 MB a file may weigh, is what limits it).
base = 'fra-attn'
model_id = 'fra-attn-large'
emb = 160
hidden = 320
attn_dim = 320
