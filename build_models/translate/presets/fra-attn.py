# The translator with additive (Bahdanau) attention: the one Module 7's widgets start on.
# GPU recipe: 12 epochs (the default). The CPU run that ships when no GPU is lent stops after
# a time budget instead (README "The translator"): --max_minutes=70
model_id = 'fra-attn'
attention = True
emb = 128
hidden = 256
attn_dim = 256
src_vocab = 4000
tgt_vocab = 5000
dropout = 0.1
batch_size = 128
size_family = 'fra'
