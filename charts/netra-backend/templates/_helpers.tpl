{{/* Labels on every object of the chart; the selector labels pick its pods. */}}
{{- define "netra-backend.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "netra-backend.labels" -}}
{{ include "netra-backend.selectorLabels" . }}
app.kubernetes.io/part-of: netra
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{/* registry/repository:tag, the registry left out when empty. */}}
{{- define "netra-backend.image" -}}
{{- with .Values.image.registry }}{{ . }}/{{ end }}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}
