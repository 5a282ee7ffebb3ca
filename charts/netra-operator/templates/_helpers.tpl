{{/* registry/repository:tag, the registry left out when empty. */}}
{{- define "netra-operator.image" -}}
{{- with .Values.image.registry }}{{ . }}/{{ end }}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
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
system:serviceaccount:{{ .Release.Namespace }}:netra-operator
{{- end }}
