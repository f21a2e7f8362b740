# the small member of the Tiny Shakespeare size family (Model Size Explorer, Module 6): the same data,
# schedule and steps as `tinyshakespeare` (2×256); only the hidden size differs
base = 'tinyshakespeare'
model_id = 'tinyshakespeare-small'
variant_of = 'tinyshakespeare'
n_hidden = 128
timelapse_iters = []
timelapse_export_iters = []
card_note = ("One of three sizes of the same recipe (2×128, 2×256, 2×384) for the Model Size Explorer; "
             "only the hidden size differs. CPU-trained interim model; the GPU zoo replaces the family.")
