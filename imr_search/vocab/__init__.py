"""The vocabulary of IMR letters: treatments and the state's categories, body parts, diagnoses, specialties."""
