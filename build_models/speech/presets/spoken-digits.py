# Module 6 § 6.3: the ten digits spoken by espeak-ng, recognised by a two-layer LSTM over log-mel
# frames. Trains on one CPU thread in about 5 minutes (python -m build_models.speech all spoken-digits).
# (One layer and 3,000 steps reached 78.5 % on the held-out voices, two layers and 4,000 steps 86.4 %;
# rounded to fp16 as shipped, weights_dtype = 'float16' by default, 86.3 %.)
# GPU recipe: the same with --device=cuda (a model this small gains little; raise train_repeats
# and steps there instead, e.g. --train_repeats=30 --steps=12000).
model_id = 'spoken-digits'
hidden = 96
layers = 2
steps = 4000
