# The small member of the translation Model Size Explorer (Module 6): half fra-attn's widths.
base = 'fra-attn'
model_id = 'fra-attn-small'
emb = 64
hidden = 128
attn_dim = 128
