-- IN-1: the contact log takes the tickets' channel vocabulary. 'visit' is the same 来访 as a
-- ticket's 'walk_in'; the contact log's single 'im' (在线客服) becomes WeChat, the messaging app
-- Chinese stores answer customers on — QQ, Wangwang and forum posts were never logged as 'im'.
UPDATE contacts SET channel = 'walk_in' WHERE channel = 'visit';
--> statement-breakpoint
UPDATE contacts SET channel = 'im_wechat' WHERE channel = 'im';
