-- A complaint counts in the department's assessment only with the close-out switch on (CMP-5,
-- RPT-3): the rollup reads close_out_assessment_counts, so a change of it marks the unit-day too.
DROP TRIGGER complaint_records_report_after_update ON complaint_records;
--> statement-breakpoint
CREATE TRIGGER complaint_records_report_after_update AFTER UPDATE ON complaint_records FOR EACH ROW
  WHEN ((OLD.product, OLD.cause, OLD.defect, OLD.product_caused, OLD.evaluation_result,
      OLD.close_out_assessment_at IS NULL, OLD.close_out_assessment_counts, OLD.received_at, OLD.unit_id)
    IS DISTINCT FROM (NEW.product, NEW.cause, NEW.defect, NEW.product_caused, NEW.evaluation_result,
      NEW.close_out_assessment_at IS NULL, NEW.close_out_assessment_counts, NEW.received_at, NEW.unit_id))
  EXECUTE FUNCTION report_mark_complaint_changed();
