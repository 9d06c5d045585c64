CREATE TABLE petitions (id, parliament, late, topic, note, response_text);
INSERT INTO petitions VALUES ('e-2', 'x', 2, 7, 'kept', NULL), ('e-4', 44.0, 1, 'Health', NULL, 'Own text.'), (NULL, 1, 1, 't', NULL, NULL), (5, 1, 0, X'00ff', 1.5, 3);
CREATE TABLE responses (petition_id, position, responder, text, extra);
INSERT INTO responses VALUES ('e-1', 1, 'R0', 'T0', 'x'), ('e-2', 2, 'R2', 'T2', 'x'), ('e-2', 1, 'R1', NULL, 'x'), ('e-3', 1, 'R', 'T', 'x'), (5, 1, 'R', 'T', 'x'), ('e-9', 1, 'R', 'T', 'x');
CREATE TABLE signatures_by_province (petition_id, province, signatures);
INSERT INTO signatures_by_province VALUES ('e-2', 'Quebec', 3), ('e-2', NULL, 4), ('e-4', 'Alberta', 'many'), ('e-4', 'Alberta', 2.5);
CREATE TABLE grievances (petition_id, position, text);
INSERT INTO grievances VALUES ('e-2', 1, NULL), ('e-2', 1, 'tie'), ('e-4', NULL, 'no position');
