-- Argo CD health of an apps/v1 Deployment that a netra.io rollout trigger verifies: the value of
-- resource.customizations.health.apps_Deployment in argocd-cm. Degraded when the operator's
-- netra.io/verified annotation says the current revision (deployment.kubernetes.io/revision) failed its
-- TestRun; otherwise Argo CD's built-in Deployment health: Suspended when paused, Degraded past its
-- progress deadline, Progressing while rolling out, Healthy once every updated replica is available.
local hs = {}
local metadata = obj.metadata or {}
local annotations = metadata.annotations or {}
local spec = obj.spec or {}
local status = obj.status or {}

local revision = annotations["deployment.kubernetes.io/revision"]
if revision ~= nil and annotations["netra.io/verified"] == revision .. ":Failed" then
  hs.status = "Degraded"
  hs.message = "Revision " .. revision .. " failed its netra.io TestRun"
  return hs
end

if spec.paused then
  hs.status = "Suspended"
  hs.message = "Deployment is paused"
  return hs
end

if (metadata.generation or 0) > (status.observedGeneration or 0) then
  hs.status = "Progressing"
  hs.message = "Waiting for rollout to finish: observed deployment generation less than desired generation"
  return hs
end

for _, c in ipairs(status.conditions or {}) do
  if c.type == "Progressing" and c.reason == "ProgressDeadlineExceeded" then
    hs.status = "Degraded"
    hs.message = "Deployment \"" .. (metadata.name or "") .. "\" exceeded its progress deadline"
    return hs
  end
end

local replicas = spec.replicas or 1
local updated = status.updatedReplicas or 0
if updated < replicas then
  hs.status = "Progressing"
  hs.message = "Waiting for rollout to finish: " .. updated .. " out of " .. replicas .. " new replicas have been updated..."
  return hs
end
if (status.replicas or 0) > updated then
  hs.status = "Progressing"
  hs.message = "Waiting for rollout to finish: " .. ((status.replicas or 0) - updated) .. " old replicas are pending termination..."
  return hs
end
if (status.availableReplicas or 0) < updated then
  hs.status = "Progressing"
  hs.message = "Waiting for rollout to finish: " .. (status.availableReplicas or 0) .. " of " .. updated
    .. " updated replicas are available..."
  return hs
end

hs.status = "Healthy"
hs.message = ""
return hs
