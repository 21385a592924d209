"""marsad.batch"""
