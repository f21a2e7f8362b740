# feedback: You take the log of the raw scores
import numpy as np


def compute_loss(predictions, targets):
    picked = predictions[np.arange(len(targets)), targets]
    return float(-np.log(picked).mean())
