{#- Cover of the PDF book (mkdocs-print-site-plugin renders it with the MkDocs config; hooks/book.py
    puts the version and the build date into config.extra.book). -#}
<div class="book-cover">
  <p class="book-cover__kicker">Study guide</p>
  <h1 class="book-cover__title">{{ config.site_name }}</h1>
  <p class="book-cover__subtitle">{{ config.site_description }}</p>
  <dl class="book-cover__facts">
    <dt>Version</dt><dd>{{ config.extra.book.version }}</dd>
    <dt>Built</dt><dd>{{ config.extra.book.date }}</dd>
    <dt>Online</dt><dd><a href="{{ config.site_url }}">{{ config.site_url }}</a></dd>
    <dt>Licence</dt><dd>{{ config.copyright }}</dd>
  </dl>
</div>
