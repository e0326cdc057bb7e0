from jdbuilder.checks.amounts import SINGLE_AMOUNT, amount_value, pay_in


def test_a_range_is_found_with_both_ends():
    match, single = pay_in("The hiring range is $45,000 to $52,500 per year.")
    assert match is not None and not single
    assert (match.group(1), match.group(2)) == ("$45,000", "$52,500")


def test_a_range_in_thousands_or_a_currency_code_is_a_range():
    assert pay_in("Salary: $45k-$52k a year.")[0] is not None
    assert pay_in("Pay: 45,000 USD to 52,000 USD annually.")[0] is not None


def test_a_single_figure_counts_only_beside_a_word_about_pay():
    assert pay_in("The salary is $48,000 per year.") == (None, True)
    assert pay_in("The building cost $48,000 to renovate.")[1] is False
    assert pay_in("Serve about 1,200 students each term.") == (None, False)


def test_an_amount_is_read_as_written():
    assert amount_value("$45,000") == 45000
    assert amount_value("52.5K") == 52500
    assert amount_value("US$ 18.75") == 18.75
    assert amount_value("$") is None


def test_the_single_amount_pattern_finds_the_figure():
    found = SINGLE_AMOUNT.search("Pay is €3.200 monthly")
    assert found is not None and found.group(0) == "€3.200"
