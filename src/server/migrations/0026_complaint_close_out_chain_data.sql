-- CMP-5: close-outs made under the single-step rule move onto the chain. The agent's old opinion
-- and assessment check become the request's note; a pending request waits for the quality lead;
-- an approved one is filed by its approver; a rejected one reads as sent back by the approval step.
UPDATE "complaint_records" SET
  "close_out_request_note" = "close_out_opinion"
    || COALESCE(E'\n' || CASE WHEN ("close_out_assessment"->>'counts')::boolean THEN '计入考核' ELSE '不计入考核' END
    || COALESCE('：' || ("close_out_assessment"->>'note'), ''), ''),
  "close_out_stage" = CASE "close_out_state"
    WHEN 'pending' THEN 'quality_opinion'
    WHEN 'approved' THEN 'filed'
    ELSE 'returned' END,
  "close_out_approved_by" = CASE WHEN "close_out_state" = 'approved' THEN "close_out_decided_by" END,
  "close_out_approved_at" = CASE WHEN "close_out_state" = 'approved' THEN "close_out_decided_at" END,
  "archived_by" = CASE WHEN "close_out_state" = 'approved' AND "archived_at" IS NOT NULL THEN "close_out_decided_by" END,
  "close_out_returned_from" = CASE WHEN "close_out_state" = 'rejected' THEN 'approval' END,
  "close_out_return_reason" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_reject_reason" END,
  "close_out_returned_by" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_decided_by" END,
  "close_out_returned_at" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_decided_at" END
WHERE "close_out_state" IS NOT NULL;
