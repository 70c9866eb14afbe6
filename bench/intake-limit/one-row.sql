-- One durable 1-row insert into a table with three indexes.
\set q random(1, 20)
\set r random(1, 5000)
\set n random(1, 100000000)
INSERT INTO limit_tickets (queue_id, status, requester, subject, body) VALUES (:q, 'new', 'user' || :r || '@example.com', 'Ticket ' || :n || ' cannot print from the third floor since Monday', 'Hello support, my printer on floor 1 stopped working after the update. Hello support, my printer on floor 2 stopped working after the update. Hello support, my printer on floor 3 stopped working after the update. Hello support, my printer on floor 4 stopped working after the update. Hello support, my printer on floor 5 stopped working after the upd');
