import pytest

from storage import gujarat


def test_there_are_33_districts_each_known_by_its_own_name():
    assert len(gujarat.DISTRICTS) == 33
    assert len(set(gujarat.DISTRICTS)) == 33
    for name in gujarat.DISTRICTS:
        assert gujarat.district(name) == name


@pytest.mark.parametrize(
    ("spelling", "district"),
    [
        ("Kutch", "Kutch"),
        ("Kachchh", "Kutch"),
        ("KACHCHH", "Kutch"),
        ("kachh", "Kutch"),
        ("Kutch district", "Kutch"),
        ("કચ્છ", "Kutch"),
        ("Amdavad", "Ahmedabad"),
        ("Ahmadabad", "Ahmedabad"),
        ("અમદાવાદ", "Ahmedabad"),
        ("Panchmahals", "Panchmahal"),
        ("Panch Mahals", "Panchmahal"),
        ("Mahesana", "Mehsana"),
        ("Baroda", "Vadodara"),
        ("Broach", "Bharuch"),
        ("Bulsar", "Valsad"),
        ("The Dangs", "Dang"),
        ("Dangs", "Dang"),
        ("Chhota Udepur", "Chhota Udaipur"),
        ("chhota-udaipur", "Chhota Udaipur"),
        ("Devbhumi Dwarka", "Devbhoomi Dwarka"),
        ("Gir-Somnath", "Gir Somnath"),
        ("Morvi", "Morbi"),
        ("Junagarh", "Junagadh"),
        ("Banas Kantha", "Banaskantha"),
        ("Sabar Kantha", "Sabarkantha"),
        ("Aravali", "Aravalli"),
        ("Dohad", "Dahod"),
        ("Kaira", "Kheda"),
        ("  surat  ", "Surat"),
    ],
)
def test_common_spellings_name_their_district(spelling, district):
    assert gujarat.district(spelling) == district


@pytest.mark.parametrize("name", ["", "Bombay", "Gujarat", "Kutchxyz", "land-records", "state", "Udaipur"])
def test_names_that_are_not_districts_are_not_matched(name):
    assert gujarat.district(name) is None


def test_a_near_miss_suggests_the_district_meant():
    assert gujarat.closest_district("Kacch") == "Kutch"
    assert "did you mean Valsad?" in gujarat.unknown_district_message("Valsud")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("land-records", "land-records"),
        ("Land Records", "land-records"),
        ("SSRD", "land-records"),
        ("Settlement Commissioner & Director of Land Records", "land-records"),
        ("registration", "registration"),
        ("IGR", "registration"),
        ("Stamps", "registration"),
        ("Inspector General of Registration and Superintendent of Stamps", "registration"),
    ],
)
def test_the_two_hod_offices_are_known_by_their_aliases(name, key):
    assert gujarat.office(name).key == key


@pytest.mark.parametrize("name", ["", "revenue", "Kutch", "relief"])
def test_other_names_are_not_hod_offices(name):
    assert gujarat.office(name) is None
