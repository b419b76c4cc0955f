<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Cannot do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was lost: what was saved stays saved.
Please copy the report below for the support desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot open the database: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was made by a newer version (schema {found}); this program knows up to {known}. Please update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not an amount in yuan, e.g. 50 or 50.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amount has at most two decimals (fen): “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be at least {minimum} yuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is above the limit of {maximum} yuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong staff number or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords. The account is locked for {minutes} more minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your staff number and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs at least 6 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a {roles} may do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no hall yet. Build the demo hall or sync with the hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number has digits only: “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; “{text}” has {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a mainland mobile number (it must start with 13–19).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a resident ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters; this one has {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resident ID number is 17 digits and a final digit or X.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The birth date in the ID number (characters 7–14) is not a real date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region code of the ID number (first 6 digits) is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check digit of the ID number is wrong (last character).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid resident ID number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
