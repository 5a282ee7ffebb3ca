-- Argo CD health of a netra.io TestRun: the value of resource.customizations.health.netra.io_TestRun
-- in argocd-cm. Succeeded is Healthy; Failed (a refused spec too, reason InvalidSpec) is Degraded;
-- no status yet, Pending, Deploying, Probing, a spec not yet observed, or a re-run asked for with the
-- netra.io/rerun annotation (a value other than the one the current run started with) is Progressing.
local hs = {}

local function condition(status, kind)
  for _, c in ipairs(status.conditions or {}) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  if c.message ~= nil and c.message ~= "" then
    return (c.reason or "") .. ": " .. c.message
  end
  return c.reason or fallback
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start the run"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "The spec changed: waiting for the operator to run it again"
  return hs
end

local annotations = (obj.metadata and obj.metadata.annotations) or {}
local rerun = annotations["netra.io/rerun"]
if rerun ~= nil and rerun ~= status.rerun then
  hs.status = "Progressing"
  hs.message = "A re-run was requested: waiting for the operator to run it again"
  return hs
end

local stalled = condition(status, "Stalled")
if status.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = describe(condition(status, "Ready"), "Succeeded")
elseif status.phase == "Failed" or (stalled ~= nil and stalled.status == "True") then
  hs.status = "Degraded"
  hs.message = describe(condition(status, "Finished") or stalled, "Failed")
else
  hs.status = "Progressing"
  hs.message = describe(condition(status, "Reconciling"), status.phase)
end
return hs
