{{/* Names and labels. */}}
{{- define "procon-digital.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "procon-digital.fullname" -}}
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

{{- define "procon-digital.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "procon-digital.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "procon-digital.selectorLabels" -}}
app.kubernetes.io/name: {{ include "procon-digital.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "procon-digital.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "procon-digital.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "procon-digital.image" -}}
{{ printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "procon-digital.mediaClaim" -}}
{{- if .Values.media.existingClaim }}
{{- .Values.media.existingClaim }}
{{- else if .Values.media.create }}
{{- printf "%s-media" (include "procon-digital.fullname" .) }}
{{- end }}
{{- end }}

{{/* A secretKeyRef env var: (dict "name" ENV "secret" NAME "key" KEY "optional" BOOL). */}}
{{- define "procon-digital.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{/* The environment of every container: configuration from values, secrets by reference. */}}
{{- define "procon-digital.env" -}}
{{- $v := .Values }}
{{- $default := $v.secrets.existingSecret }}
- name: DJANGO_SETTINGS_MODULE
  value: config.settings.production
- name: PLATFORM_DOMAIN
  value: {{ $v.platform.domain | quote }}
- name: PLATFORM_UF_CODE
  value: {{ $v.platform.ufCode | quote }}
- name: PLATFORM_SCHEME
  value: https
{{- /* The ingress controller appends the client's address to X-Forwarded-For; without it
     nothing in front of gunicorn may be trusted to. */}}
- name: TRUSTED_PROXY_COUNT
  value: {{ ternary "1" "0" $v.ingress.enabled | quote }}
{{- /* gunicorn takes X-Forwarded-Proto (https) only from the addresses listed here. */}}
- name: FORWARDED_ALLOW_IPS
  value: {{ ternary "*" "127.0.0.1" $v.ingress.enabled | quote }}
- name: DEFAULT_FROM_EMAIL
  value: {{ $v.platform.defaultFromEmail | quote }}
- name: LOG_LEVEL
  value: {{ $v.platform.logLevel | quote }}
- name: LOG_FORMAT
  value: {{ $v.platform.logFormat | quote }}
- name: SECURE_HSTS_SECONDS
  value: {{ $v.platform.hstsSeconds | quote }}
- name: HEALTHCHECK_TIMEOUT
  value: {{ $v.platform.healthcheckTimeoutSeconds | quote }}
- name: DATABASE_CONN_MAX_AGE
  value: {{ $v.database.connMaxAge | quote }}
- name: DATABASE_CONN_HEALTH_CHECKS
  value: {{ ternary "1" "0" $v.database.connHealthChecks | quote }}
- name: TENANT_MIGRATION_PROCESSES
  value: {{ $v.migrations.processes | quote }}
- name: MEDIA_ROOT
  value: /app/media
- name: EMAIL_HOST
  value: {{ $v.email.host | quote }}
- name: EMAIL_PORT
  value: {{ $v.email.port | quote }}
- name: EMAIL_USE_TLS
  value: {{ ternary "1" "0" $v.email.useTls | quote }}
- name: SENTRY_ENVIRONMENT
  value: {{ $v.sentry.environment | quote }}
- name: SENTRY_TRACES_SAMPLE_RATE
  value: {{ $v.sentry.tracesSampleRate | quote }}
- name: APP_VERSION
  value: {{ default .Chart.AppVersion $v.image.tag | quote }}
- name: STRIPE_PRICE_SMALL
  value: {{ $v.stripe.prices.small | quote }}
- name: STRIPE_PRICE_MEDIUM
  value: {{ $v.stripe.prices.medium | quote }}
- name: STRIPE_PRICE_LARGE
  value: {{ $v.stripe.prices.large | quote }}
{{ include "procon-digital.secretEnv" (dict "name" "SECRET_KEY" "secret" $default "key" $v.secrets.secretKeyKey) }}
{{ include "procon-digital.secretEnv" (dict "name" "DATABASE_URL" "secret" (default $default $v.database.existingSecret) "key" $v.database.urlKey) }}
{{ include "procon-digital.secretEnv" (dict "name" "CELERY_BROKER_URL" "secret" (default $default $v.redis.existingSecret) "key" $v.redis.brokerUrlKey) }}
{{ include "procon-digital.secretEnv" (dict "name" "CACHE_URL" "secret" (default $default $v.redis.existingSecret) "key" $v.redis.cacheUrlKey) }}
{{- if $v.redis.resultBackendUrlKey }}
{{ include "procon-digital.secretEnv" (dict "name" "CELERY_RESULT_BACKEND" "secret" (default $default $v.redis.existingSecret) "key" $v.redis.resultBackendUrlKey "optional" true) }}
{{- end }}
{{ include "procon-digital.secretEnv" (dict "name" "STRIPE_SECRET_KEY" "secret" (default $default $v.stripe.existingSecret) "key" $v.stripe.secretKeyKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "STRIPE_PUBLISHABLE_KEY" "secret" (default $default $v.stripe.existingSecret) "key" $v.stripe.publishableKeyKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "STRIPE_WEBHOOK_SECRET" "secret" (default $default $v.stripe.existingSecret) "key" $v.stripe.webhookSecretKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "EMAIL_HOST_USER" "secret" (default $default $v.email.existingSecret) "key" $v.email.usernameKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "EMAIL_HOST_PASSWORD" "secret" (default $default $v.email.existingSecret) "key" $v.email.passwordKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "HEALTHCHECK_TOKEN" "secret" $default "key" $v.healthcheck.tokenKey "optional" true) }}
{{ include "procon-digital.secretEnv" (dict "name" "SENTRY_DSN" "secret" (default $default $v.sentry.existingSecret) "key" $v.sentry.dsnKey "optional" true) }}
{{- with $v.platform.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by every workload. */}}
{{- define "procon-digital.podSpecCommon" -}}
serviceAccountName: {{ include "procon-digital.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Volumes: /tmp in memory or on disk, and the media volume. */}}
{{- define "procon-digital.volumes" -}}
- name: tmp
  emptyDir:
    {{- with .Values.tmpVolume.medium }}
    medium: {{ . }}
    {{- end }}
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
- name: media
  {{- $claim := include "procon-digital.mediaClaim" . }}
  {{- if $claim }}
  persistentVolumeClaim:
    claimName: {{ $claim }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end }}

{{- define "procon-digital.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: media
  mountPath: /app/media
{{- end }}

{{- define "procon-digital.podMetadata" -}}
{{- with .Values.podAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Worker pools as a JSON list: the default pool, then each extra pool over its defaults. */}}
{{- define "procon-digital.workerPools" -}}
{{- $base := omit (deepCopy .Values.worker) "extraPools" }}
{{- $pools := list (dict "name" "default" "suffix" "worker" "spec" $base) }}
{{- range .Values.worker.extraPools }}
{{- $spec := mergeOverwrite (deepCopy $base) (omit . "name") }}
{{- $pools = append $pools (dict "name" .name "suffix" (printf "worker-%s" .name) "spec" $spec) }}
{{- end }}
{{- toJson $pools }}
{{- end }}
