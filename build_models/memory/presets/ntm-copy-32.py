# Module 7 § 7.4: an NTM (LSTM controller of 100 units, one read and one write head) on the copy
# task with 32 memory slots of 12 numbers. The three ntm-copy presets differ only in `slots`:
# trained on lengths 1-10, evaluated up to 20. On one CPU thread about 2 minutes; GPU recipe: the
# same command with --device=cuda (the model is small; a GPU barely helps).
model_id = 'ntm-copy-32'
slots = 32
