"""marsad.read"""
