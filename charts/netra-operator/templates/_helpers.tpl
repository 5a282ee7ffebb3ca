{{/* The chart's name, or nameOverride: the app.kubernetes.io/name label. */}}
{{- define "netra-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object's name: fullnameOverride; else the release name when it holds the chart's name (the
default release netra-operator gives netra-operator); else RELEASE-NAME. 63 characters at most, a DNS label.
*/}}
{{- define "netra-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* NAME-VERSION, for the helm.sh/chart label. */}}
{{- define "netra-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the chart; the selector labels pick its pods. */}}
{{- define "netra-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "netra-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "netra-operator.labels" -}}
helm.sh/chart: {{ include "netra-operator.chart" . }}
{{ include "netra-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The operator's ServiceAccount: the chart's own (fullname unless named); with serviceAccount.create false, the one named or default. */}}
{{- define "netra-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "netra-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* registry/repository:tag, the registry left out when empty; registry/repository@digest when image.digest is set. */}}
{{- define "netra-operator.image" -}}
{{- with .Values.image.registry }}{{ . }}/{{ end }}{{ .Values.image.repository }}
{{- if .Values.image.digest }}@{{ .Values.image.digest }}{{ else }}:{{ .Values.image.tag | default .Chart.AppVersion }}{{ end }}
{{- end }}

{{/* "true" when the admission policies are to be installed (admissionPolicy.install), else empty. */}}
{{- define "netra-operator.admissionPolicy" -}}
{{- if eq .Values.admissionPolicy.install "always" }}true{{ end }}
{{- if eq .Values.admissionPolicy.install "auto" }}
{{- if .Capabilities.APIVersions.Has "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy" }}true{{ end }}
{{- end }}
{{- end }}

{{/* The operator's own user name, as the API server sees its ServiceAccount. */}}
{{- define "netra-operator.user" -}}
system:serviceaccount:{{ .Release.Namespace }}:{{ include "netra-operator.serviceAccountName" . }}
{{- end }}
