;;; sourced-eglot.el --- Sourced language server through Eglot  -*- lexical-binding: t; -*-

;; Sourced checks a journalist's draft against the story's sources.  This file tells
;; Eglot (built into Emacs 29+, or from ELPA) to start `sourced lsp' for Markdown and
;; text buffers, and adds two commands:
;;
;;   M-x sourced-reindex   re-read the story's sources
;;   M-x sourced-sources   list the sources of the quote or person at point
;;
;; Install: put this file on `load-path', then
;;   (require 'sourced-eglot)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; and/or text-mode-hook
;; See editors/README.md in the Sourced repository.

;;; Code:

(require 'eglot)
(require 'jsonrpc)
(require 'grep)

(defgroup sourced nil
  "Check drafts against the story's sources."
  :group 'tools
  :prefix "sourced-")

(defcustom sourced-server-program "sourced"
  "The `sourced' binary: a name looked up on `exec-path', or a full path."
  :type 'string)

(defcustom sourced-settings nil
  "Server settings sent as initializationOptions, or nil to let sourced.toml decide.
A plist such as
  (:corpus (:paths [\"sources\"]) :debounceMs 150
   :severity (:unattributed-quote \"off\"))
Settings given here override the story's sourced.toml."
  :type 'sexp)

(defun sourced--contact (_interactive)
  "The command Eglot runs for Sourced, with the settings of `sourced-settings'."
  (unless (executable-find sourced-server-program)
    (user-error "Sourced: cannot find `%s'; install it with `cargo install --path .' in a checkout of Sourced, or set `sourced-server-program'"
                sourced-server-program))
  (append (list sourced-server-program "lsp")
          (when sourced-settings
            (list :initializationOptions sourced-settings))))

(add-to-list 'eglot-server-programs
             '((markdown-mode gfm-mode text-mode) . sourced--contact))

(defun sourced--server ()
  "The Eglot server of this buffer, or an error saying there is none."
  (or (eglot-current-server)
      (user-error "Sourced: no language server runs for this buffer (M-x eglot starts one)")))

(defun sourced-reindex ()
  "Ask the Sourced server to re-read the story's sources."
  (interactive)
  (jsonrpc-request (sourced--server) :workspace/executeCommand
                   '(:command "sourced.reindex" :arguments []))
  (message "Sourced: re-indexing the sources"))

(defun sourced-sources ()
  "List the sources of the quote or person at point in a grep-style buffer."
  (interactive)
  (let* ((server (sourced--server))
         (params (eglot--TextDocumentPositionParams))
         (arg (list :uri (plist-get (plist-get params :textDocument) :uri)
                    :position (plist-get params :position)))
         (passages (jsonrpc-request server :workspace/executeCommand
                                    (list :command "sourced.showSources"
                                          :arguments (vector arg)))))
    (if (seq-empty-p passages)
        (message "Sourced: the sources say nothing about what is at point")
      (with-current-buffer (get-buffer-create "*sourced-sources*")
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert "Sources of the quote at point:\n\n")
          (seq-doseq (p passages)
            (let* ((file (eglot--uri-to-path (plist-get p :uri)))
                   (line (1+ (plist-get (plist-get (plist-get p :range) :start) :line)))
                   (label (string-join (delq nil (list (plist-get p :title) (plist-get p :outlet))) " · "))
                   (text (replace-regexp-in-string "[ \t\n]+" " " (or (plist-get p :text) ""))))
              (insert (format "%s:%d: %s%s\n" file line
                              (if (string-empty-p label) "" (format "[%s] " label))
                              text)))))
        (grep-mode)
        (goto-char (point-min)))
      (display-buffer "*sourced-sources*"))))

(provide 'sourced-eglot)
;;; sourced-eglot.el ends here
