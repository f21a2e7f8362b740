# Module 8's stress test: a one-layer LSTM word model of both tasks (agreement, brackets).
# The four stress-test presets differ only in cell and widths, chosen so that each has about
# 60-70 thousand parameters (meta.json records the count). GPU recipe: the same (these are small).
model_id = 'stress-lstm'
cell = 'lstm'
emb = 32
hidden = 96
