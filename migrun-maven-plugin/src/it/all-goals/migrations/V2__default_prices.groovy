description 'Default prices'

up {
    sql.executeUpdate('UPDATE items SET price = 0 WHERE price IS NULL')
}

verify {
    expect 'every item has a price', count('items', 'price IS NULL'), 0
}

down {
    sql.execute 'UPDATE items SET price = NULL WHERE price = 0'
}
