"""The offers of the network-wide tests' three regions (``network_fixtures`` stores them):
Dortmund, Bochum and Herne, each with published offers and some that are not."""

HERNE_TOML = 'name = "Herne"\nagency_name = "Hilfe-Karte Herne"\n'
BOCHUM, HERNE = 2, 3  # the regions' ids, in the order they are added
# title: (region id, category, lng, lat, status)
OFFERS = {
    "Beratung Dortmund": (1, "counselling", "7.4652", "51.5142", "published"),
    "Entwurf Dortmund": (1, "counselling", "7.4652", "51.5142", "draft"),
    "Deutschkurs Bochum": (BOCHUM, "education", "7.22", "51.48", "published"),
    "Archiv Bochum": (BOCHUM, "education", "7.22", "51.48", "archived"),
    "Kleiderkammer Herne": (HERNE, "donations", "7.12", "51.47", "published"),
}
PUBLISHED = {title: fields[0] for title, fields in OFFERS.items() if fields[-1] == "published"}
SLUGS = {1: "dortmund", BOCHUM: "bochum", HERNE: "herne"}
