-- Sign-in needs no site id: the accounts with an email are found in every site database through
-- this index (emails are compared in match form, lower case), never by reading the whole table.
CREATE INDEX accounts_by_email ON accounts (lower(email));
