"""The law of call-outs (huy động lực lượng, phương tiện): the kinds of call-out and who may
order each, by date. Pure: no Django."""
