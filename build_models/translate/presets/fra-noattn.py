# The same translator without attention: the decoder sees only the fixed context vector c
# (the encoder's last forward and first backward state) at every step. Only `attention` differs
# from fra-attn, so the BLEU-by-length comparison measures the bottleneck and nothing else.
base = 'fra-attn'
model_id = 'fra-noattn'
attention = False
size_family = ''
