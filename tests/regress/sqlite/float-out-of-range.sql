CREATE TABLE petitions (id, parliament, late, topic, note, response_text);
INSERT INTO petitions VALUES ('e-2', 'x', 2, 7, 'kept', NULL), ('e-4', -922337203685477580844.0, 1, 'Health', NULL, 'Own text.'), (NULL, 1, 1, 't', NULL, NULL), (5, 1, 0, X'00ff', 1.5, 3);
CREATE TABLE resp_by_onses (petition_id, position, responder, text, extra);
INSERT INTO re'R2', 'T2', 'x'), ('e-2', 1, 'R1', NULL, 'x'), ('e-3', 1, 'R', 'T', 'x'), (ABLE signatures_by_province (petition_id, province, signatures);
INSERT INTO signatures_by_province VALUES ('e-3', 'Quebec', 3),;
