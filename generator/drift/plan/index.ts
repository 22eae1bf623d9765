/**
 * Drift probe planning from the canonical document: derive a plan, refine it with api.yaml, check
 * its requests against the document, cut it to a request budget (planForApi: all of it, as a run
 * does), and say what it covers. Pure: nothing here sends a request or reads a file.
 */
export { derivePlan, type DeriveOptions } from "./derive.ts";
export { refinePlan } from "./refine.ts";
export { validatePlannedRequest, validatePlan, assertPlanRequests, dropInvalidDerived, type RequestProblem } from "./validate-request.ts";
export { planCoverage, observedCoverage, matchStatus, type PlanCoverage, type ObservedCoverage, type ObservedAnswer, type OperationCoverage } from "./coverage.ts";
export { limitPlan } from "./budget.ts";
export { planForApi, type ApiPlanInput } from "./for-api.ts";
